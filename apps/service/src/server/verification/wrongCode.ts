import { ServiceError } from '../platform/ServiceError.ts';

/**
 * The refusal of a wrong code, saying how many more tries the code has (`left`, none left:
 * send a new one). The same for a checkout and a sign-in.
 */
export const wrongCode = (left: number): ServiceError =>
  new ServiceError(
    'wrong_code',
    left > 0
      ? `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`
      : 'That code is not right. Send a new code.',
    { attempts_left: left },
  );
