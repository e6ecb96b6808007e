import { createStaticAsset } from '../../http/static-asset';
import { BRIEF_CSS } from './page-css';

/** `/brief.css`, referenced by its versioned URL so browsers keep it for a year. */
export const BRIEF_STYLESHEET = createStaticAsset('/brief.css', 'text/css; charset=utf-8', BRIEF_CSS);
