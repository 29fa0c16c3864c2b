import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PricingPage } from './PricingPage.tsx';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <PricingPage />
    </StrictMode>,
  );
}
