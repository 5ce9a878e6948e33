import { mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared.ts';

export default mergeConfig(billfoldVitest, {});
