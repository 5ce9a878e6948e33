import { mergeConfig } from 'vitest/config';
import { billfoldVitest } from '../../vitest.shared';

export default mergeConfig(billfoldVitest, {});
