// A stand-in: activated by the tests (extension.activate()), it only has to be active.
module.exports = { activate: () => undefined };
