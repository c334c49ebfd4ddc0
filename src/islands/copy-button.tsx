// Island entry: the copy buttons (views/components/copy-button.tsx).
import { copyButtonIsland } from '../views/components/copy-button.tsx';
import { mountIslands } from './lib/mount-islands.ts';

mountIslands(copyButtonIsland);
