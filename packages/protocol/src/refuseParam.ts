/** A parameter refused: `param` names the field at fault; `reason` says what is wrong and `fix` how to fix it. */
export interface ParamRefusal {
  ok: false;
  param: string;
  reason: string;
  fix: string;
}

/** The refusal of the parameter `param`, with what is wrong with it and how to fix it. */
export const refuseParam = (param: string, reason: string, fix: string): ParamRefusal => ({
  ok: false,
  param,
  reason,
  fix,
});
