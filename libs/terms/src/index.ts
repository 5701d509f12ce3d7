/** The term engine (issue 4): Russian deadline phrases → typed schedules and occurrences. */
export { parseTerm } from './parse';
export { normalise } from './normalise';
export { MONTH_NAMES, MONTH_NAMES_GENITIVE } from './months';
export type {
  TermKind,
  TermContext,
  TermOccurrence,
  TermWindow,
  TermResult,
  TermSchedule,
  TermAnchor,
  TermItem,
} from './types';
export {
  isWorkingDay,
  addWorkingDays,
  nextWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
  hasCalendarData,
  PRODUCTION_CALENDAR,
} from './calendar';
