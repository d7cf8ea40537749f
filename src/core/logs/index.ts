export {
  LOG_LINES_KEPT,
  LogBuffer,
  compareLogTimes,
  formatLogLines,
  logBufferNote,
  parseLogLine,
  resumeSinceTime,
  type LogLine,
} from './buffer';
