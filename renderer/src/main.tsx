// Placeholder window (replaced by the renderer work, issue 6).
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>SSO Tray</p>);
