export { planFix, type FixPlan, type FixTarget } from './plan';
export { locateFix } from './locate';
