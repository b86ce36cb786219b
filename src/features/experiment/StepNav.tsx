import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The workflow's steps in page order: the section each link jumps to, numbered ones first. */
const STEPS = [
  { id: 'dataset', key: 'data', number: 1 },
  { id: 'backbone', key: 'backbone', number: 2 },
  { id: 'strategy', key: 'strategy', number: 3 },
  { id: 'runs', key: 'results', number: 4 },
  { id: 'sweeps', key: 'sweeps', number: null },
  { id: 'predict', key: 'predict', number: null },
  { id: 'fewshot', key: 'instant', number: null },
  { id: 'fewshot-lab', key: 'fewshotLab', number: null },
] as const;

/**
 * The page's steps as anchor links (1 Data → 2 Backbone → 3 Strategy → 4 Run & results, then Sweeps, Predict, the
 * instant classifier and the few-shot lab); the step whose section is in view is marked with aria-current. Plain links: they work without script, by keyboard and
 * with the browser's back button.
 */
export function StepNav() {
  const { t } = useTranslation();
  const current = useCurrentSection(STEPS.map((s) => s.id));
  return (
    <nav className="step-nav" aria-label={t('steps.label')}>
      <ol>
        {STEPS.map((step) => (
          <li key={step.id}>
            <a
              href={`#${step.id}`}
              aria-current={current === step.id ? 'step' : undefined}
              data-testid={`steps.${step.key}`}
            >
              {step.number !== null ? (
                <span className="step-number" aria-hidden="true">
                  {step.number}
                </span>
              ) : null}
              {t(`steps.${step.key}`)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The id of the last section (of `ids`) whose top has scrolled up to a third of the viewport (or just under the sticky
 * bar); at the end of the page, the last one in view. Null above them all.
 */
function useCurrentSection(ids: readonly string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(' ');
  useEffect(() => {
    const list = key.split(' ');
    let frame = 0;
    const update = () => {
      frame = 0;
      const barBottom = document.querySelector('.studio-bar')?.getBoundingClientRect().bottom ?? 0;
      const line = Math.max(barBottom + 8, window.innerHeight / 3);
      const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      let found: string | null = null;
      for (const id of list) {
        const top = document.getElementById(id)?.getBoundingClientRect().top;
        if (top !== undefined && (top <= line || (atEnd && top < window.innerHeight))) found = id;
      }
      setCurrent(found);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [key]);
  return current;
}
