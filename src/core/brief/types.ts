/** The briefing shapes, defined with the other public API shapes (`../answer/types`) and named here for the briefing code. */
export type { BriefLength, BriefRequest, BriefSection, BriefText, Briefing, ReadNext, SectionId } from '../answer/types';
