import { Injectable } from '@nestjs/common';
import { importRoadmap } from '@karta/importer';
import type { ImportInput, ImportResult } from '@karta/importer';
import { parseTerm } from '@karta/terms';
import type { TermResult } from '../../../../libs/terms/src/types';

/**
 * The pure engines the roadmap flows use (libs/importer, libs/terms), behind one injectable so services
 * and tests see a narrow port rather than the libraries' whole surface.
 */
@Injectable()
export class RoadmapEngines {
  async import(input: ImportInput): Promise<ImportResult> {
    return importRoadmap(input);
  }

  parseTerm(raw: string, context: { from: string; to: string; tz: string }): TermResult {
    return parseTerm(raw, context);
  }
}
