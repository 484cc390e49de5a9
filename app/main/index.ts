// Placeholder composition root (replaced by the main-process work, issue 5).
import { app } from 'electron';

void app.whenReady().then(() => undefined);
