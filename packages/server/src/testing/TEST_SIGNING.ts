const secretKey = 'aks_test_0123456789abcdefghijklmnop';
const now = Date.UTC(2026, 10, 22, 12, 0, 0);

/** The minters' tests sign with this test key, on a fixed clock, for a service on loopback. */
export const TEST_SIGNING = {
  secretKey,
  now,
  options: { secretKey, checkoutUrl: 'http://127.0.0.1:4001/', now: () => now },
};
