export { planFieldEdit, planFix, type FixPlan, type FixTarget, type PlanOptions } from './plan';
export { locateFix } from './locate';
export { applyEdits, editsFit } from './apply';
