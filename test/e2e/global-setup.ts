import { ensureBuild } from '../build-outputs';

export default function globalSetup(): void {
  ensureBuild('h5');
}
