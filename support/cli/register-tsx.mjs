// Lets cucumber import the TypeScript support code: listed first in cucumber.js `import` (tsx refuses `loader`).
import { register } from 'tsx/esm/api';

register();
