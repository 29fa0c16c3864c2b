#!/usr/bin/env node
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createLavaMcpServer } from './createLavaMcpServer.ts';
import { createServiceClient } from './ServiceClient.ts';

// `npx @lava-checkout/mcp`: the MCP server over stdio, pointed at a service by
// LAVA_CHECKOUT_URL, with LAVA_CHECKOUT_KEY (a spend key or a secret key) if the agent has one;
// without one, the login tool gets it.
const url = process.env.LAVA_CHECKOUT_URL;
if (!url) {
  process.stderr.write(
    'Lava Checkout: LAVA_CHECKOUT_URL is not set. Set it to your Lava Checkout service, e.g. LAVA_CHECKOUT_URL=http://localhost:4000.\n',
  );
  process.exit(1);
}
const server = createLavaMcpServer({
  service: createServiceClient(url),
  session: { credential: process.env.LAVA_CHECKOUT_KEY || null, signIn: null },
  defaultMerchantId: process.env.LAVA_CHECKOUT_MERCHANT || undefined,
});
await server.connect(new StdioServerTransport());
