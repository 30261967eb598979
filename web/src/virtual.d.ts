declare module 'virtual:quai-schemas' {
  import type { Schema } from './types';
  const schemas: Schema[];
  export default schemas;
}
