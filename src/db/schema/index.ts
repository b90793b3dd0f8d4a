export * from './auth.ts';
export * from './people.ts';
export * from './platform.ts';
