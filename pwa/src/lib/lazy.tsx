/**
 * Load a screen's code the first time it is shown (dynamic import), so the sign-in page ships
 * only what it needs. A tiny stand-in for preact/compat's lazy + Suspense.
 */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export function lazy<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  let failed = false;
  return function Lazy(props: P): JSX.Element {
    const [, setTick] = useState(0);
    useEffect(() => {
      if (loaded) return;
      pending ??= load().then(
        (module) => {
          loaded = module.default;
        },
        () => {
          failed = true;
          pending = null;
        },
      );
      let live = true;
      void pending?.then(() => live && setTick((n) => n + 1));
      return () => {
        live = false;
      };
    }, []);
    if (loaded) {
      const Component = loaded;
      return <Component {...props} />;
    }
    return (
      <p role="status" class="loading">
        {failed ? t('app.loadFailed') : t('app.loading')}
      </p>
    );
  };
}
