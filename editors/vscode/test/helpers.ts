/** Builders of synthetic quickening data for the tests. */
import { CodeInfo, InstrInfo } from '../src/logic/protocol';

export function instr(over: Partial<InstrInfo>): InstrInfo {
  return {
    index: 0,
    line: 1,
    start: 0,
    end: 0,
    original: 'LOAD_FAST',
    current: 'LOAD_FAST',
    arg: 0,
    argrepr: '',
    state: 'plain',
    counter: 0,
    hits: 0,
    misses: 0,
    attempts: 0,
    successes: 0,
    deopts: 0,
    failure: null,
    cache: '',
    ...over,
  };
}

export function code(qualname: string, instructions: InstrInfo[], children: CodeInfo[] = []): CodeInfo {
  const spec = instructions.filter((i) => i.state !== 'plain' && i.state !== 'fused');
  return {
    name: qualname.split('.').pop() ?? qualname,
    qualname,
    filename: 'x.py',
    first_line: instructions[0]?.line ?? 1,
    instructions,
    specializable: spec.length,
    specialized: spec.filter((i) => i.state === 'specialized').length,
    failed: spec.filter((i) => i.state === 'failed').length,
    children,
  };
}
