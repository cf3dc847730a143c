import { Command } from 'commander';
import { configureProgram, runCli } from './run.js';
import { registerTokenize } from './commands/tokenize.js';
import { registerClassify } from './commands/classify.js';
import { registerVectors } from './commands/vectors.js';
import { registerDemo } from './commands/demo.js';
import { registerServe } from './commands/serve.js';
import { registerAlign } from './commands/align.js';
import { registerTranslate } from './commands/translate.js';

const program = configureProgram(new Command('embedkit'))
  .description('The embedding layer of language models, from theory to practice')
  .version('0.1.0');
registerTokenize(program);
registerClassify(program);
registerVectors(program);
registerDemo(program);
registerServe(program);
registerAlign(program);
registerTranslate(program);
await runCli(program, process.argv);
