export {
  createLavaMcpServer,
  type LavaMcpServerOptions,
  type LavaMcpSession,
} from './createLavaMcpServer.ts';
export { createServiceClient, type ServiceAnswer, type ServiceClient } from './ServiceClient.ts';
