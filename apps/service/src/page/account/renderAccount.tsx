import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AccountBootstrap } from '../../shared/accountContract.ts';
import type { FrameBridge } from '../createFrameBridge.ts';
import { AccountPage } from './AccountPage.tsx';
import { createAccountApi } from './createAccountApi.ts';

export interface RenderAccountOptions {
  root: Element;
  bootstrap: AccountBootstrap;
  bridge: FrameBridge;
  /** The customer session's secret, from the page's address. */
  secret: string;
}

/** Renders the account page into its root. */
export function renderAccount({ root, bootstrap, bridge, secret }: RenderAccountOptions): void {
  createRoot(root).render(
    <StrictMode>
      <AccountPage bootstrap={bootstrap} bridge={bridge} api={createAccountApi(secret)} />
    </StrictMode>,
  );
}
