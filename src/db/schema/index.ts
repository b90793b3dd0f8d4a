export * from './auth.ts';
export * from './people.ts';
export * from './platform.ts';
export * from './sharing.ts';
export * from './stories.ts';
export * from './tracking.ts';
export * from './recruitment.ts';
export * from './engagement.ts';
