import type { ModuleLibrary } from './module-library';

/** What the learning cards and moves are made from: the modules, the pass mark and the key that signs card positions. */
export interface LearningSettings {
  library: ModuleLibrary;
  /** Share of a quiz that must be right unless the module says otherwise. */
  passScore: number;
  /** Signs the position kept in each module card. */
  secret: string;
}
