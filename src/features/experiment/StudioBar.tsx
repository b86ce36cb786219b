import { useEffect, useRef } from 'react';
import { RunBar } from './RunBar';
import { StepNav } from './StepNav';
import './experiment.css';

/**
 * The bar that stays at the top while the page scrolls: the steps, and the run controls with their live status.
 * Its height is published as --studio-bar-height, so jumps to a section (links, scrollIntoView) land below it.
 */
export function StudioBar() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const publish = () =>
      root.style.setProperty('--studio-bar-height', `${Math.ceil(element.getBoundingClientRect().height)}px`);
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    publish();
    return () => {
      observer.disconnect();
      root.style.removeProperty('--studio-bar-height');
    };
  }, []);
  return (
    <div className="studio-bar" ref={ref}>
      <div className="studio-bar-inner">
        <StepNav />
        <RunBar />
      </div>
    </div>
  );
}
