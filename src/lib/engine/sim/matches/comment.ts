/** `-m comment` (and `-m nfacct`, which only counts): always matches. */
import type { CompiledMatch, MatchCompiler } from '../compile-types';

/** One shared object, so rules full of comments cost one inlined call each. */
const ALWAYS: CompiledMatch = { test: () => true };

export const compileComment: MatchCompiler = () => ALWAYS;
