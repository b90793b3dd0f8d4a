import { declareNoPersonalData } from '../privacy/register.ts';

// The content gap per theme and day: hiring pressure and story supply, about themes rather than people.
declareNoPersonalData('content_gap_snapshots');
