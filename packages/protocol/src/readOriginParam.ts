import { normalizeOriginUrl } from './normalizeOriginUrl.ts';
import { type ParamRefusal, refuseParam } from './refuseParam.ts';

/**
 * A session's `origin_url`, as a bare origin, or its refusal, whose fix names what the page
 * does with the session (`does`: "opens the checkout", "reads the account").
 */
export function readOriginParam(
  value: unknown,
  does: string,
): { ok: true; origin: string } | ParamRefusal {
  const origin = normalizeOriginUrl(value);
  return origin.ok
    ? origin
    : refuseParam(
        'origin_url',
        origin.reason,
        `Pass the origin of the page that ${does}, such as https://yourapp.com`,
      );
}
