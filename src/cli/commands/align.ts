import type { Command } from 'commander';
import { alignSpaces } from '../../align/align.js';
import { readDictionary } from '../../align/dictionary.js';
import { saveMapping } from '../../align/mapping-file.js';
import { loadVectors } from '../../io/vectors-io.js';
import { integerOption } from '../parse-options.js';
import { printJson, wantsProgress, type CommonOptions } from '../output.js';

interface AlignCliOptions extends CommonOptions {
  dictionary: string;
  out: string;
  refine: number;
  maxRank: number;
  center?: boolean;
  limit?: number;
}

/**
 * `embedkit align <src> <tgt> --dictionary pairs.tsv --out map`: learns the orthogonal map of
 * the source space onto the target space from a seed dictionary (Procrustes), optionally refined.
 *
 * JSON: {"source", "target", "out", "dim", "pairsGiven", "pairsUsed", "center",
 *        "refinement": [{"iteration", "pairs", "seconds"}], "seconds"}
 */
export function registerAlign(program: Command): void {
  program
    .command('align')
    .description('learn an orthogonal map from one word vector space onto another (Procrustes on a seed dictionary)')
    .argument('<source>', 'source-language vectors (word2vec text/binary, .vec, GloVe)')
    .argument('<target>', 'target-language vectors')
    .requiredOption('--dictionary <file>', 'seed dictionary: "source<TAB>target" per line')
    .requiredOption('--out <file>', 'where to write the mapping')
    .option('--refine <n>', 'refinement iterations on mutual CSLS nearest neighbours', integerOption, 0)
    .option('--max-rank <n>', 'words of each side taking part in refinement (most frequent)', integerOption, 15_000)
    .option('--center', 'centre each space after unit-normalising')
    .option('--limit <n>', 'read only the first n vectors of each file', integerOption)
    .option('--json', 'print one JSON object with the result')
    .action(async (source: string, target: string, options: AlignCliOptions) => {
      const started = performance.now();
      const limit = options.limit === undefined || options.limit === 0 ? undefined : options.limit;
      const [sourceVectors, targetVectors, dictionary] = await Promise.all([
        loadVectors(source, { limit }),
        loadVectors(target, { limit }),
        readDictionary(options.dictionary),
      ]);
      const progress = wantsProgress(options);
      const result = alignSpaces(sourceVectors.vectors, targetVectors.vectors, dictionary, {
        center: options.center ?? false,
        refine: options.refine,
        maxRank: options.maxRank,
        onRefineIteration: progress ? (info) => process.stderr.write(`refinement ${info.iteration}: ${info.pairs} mutual pairs\n`) : undefined,
      });
      result.mapping.info = { ...result.mapping.info, source, target, dictionary: options.dictionary };
      await saveMapping(options.out, result.mapping);
      const seconds = (performance.now() - started) / 1000;
      if (options.json) {
        printJson({
          source,
          target,
          out: options.out,
          dim: result.mapping.dim,
          pairsGiven: result.pairsGiven,
          pairsUsed: result.pairsUsed,
          center: options.center ?? false,
          refinement: result.refinement,
          seconds,
        });
        return;
      }
      const refined = result.refinement.length > 0 ? `, ${result.refinement.length} refinement iterations` : '';
      process.stdout.write(
        `mapped ${source} onto ${target} from ${result.pairsUsed} of ${result.pairsGiven} dictionary pairs${refined}: wrote ${options.out} (${seconds.toFixed(1)} s)\n`,
      );
    });
}
