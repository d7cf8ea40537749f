export { planFieldEdit, planFix, type FixPlan, type FixTarget } from './plan';
export { locateFix } from './locate';
export { applyEdits, editsFit } from './apply';
