import { useTranslation } from 'react-i18next';
import type { BackboneSpec } from '../../core/backbones/types';
import { useStudioStore } from '../../store';
import { useEngineActions } from '../engineActions';
import { backboneName, CATALOGUE } from './backboneName';
import { formatCompact, formatTop1 } from './format';

/** One radio per catalogue backbone, with its published facts and whether it works offline here. */
export function BackboneChooser() {
  const { t, i18n } = useTranslation();
  const actions = useEngineActions();
  const selected = useStudioStore((s) => (s.backbone.pending ? s.backbone.pending.id : s.backbone.id));
  const cachedIds = useStudioStore((s) => s.backbone.cachedIds);
  const running = useStudioStore((s) => s.run?.status === 'running');

  const facts = (spec: BackboneSpec) => {
    if (spec.family === 'digits-vgg') return t('backbone.facts.builtIn');
    const parts: string[] = [];
    if (spec.builtIn) parts.push(t('backbone.facts.shipped'));
    if (spec.parametersMillions !== undefined)
      parts.push(t('backbone.facts.params', { value: formatCompact(spec.parametersMillions * 1e6, i18n.language) }));
    if (spec.imagenetTop1 !== undefined) parts.push(t('backbone.facts.top1', { value: formatTop1(spec.imagenetTop1) }));
    if (spec.multiplyAddsMillions !== undefined) {
      parts.push(
        t('backbone.facts.multiplyAdds', {
          value: formatCompact(spec.multiplyAddsMillions * 1e6, i18n.language),
          size: spec.preprocessing.inputSize,
        }),
      );
    }
    return parts.join(' · ');
  };
  const badge = (spec: BackboneSpec) => {
    if (spec.builtIn) return { text: t('backbone.badge.builtIn'), kind: 'good' };
    if (cachedIds.includes(spec.id)) return { text: t('backbone.badge.cached'), kind: 'good' };
    return { text: t('backbone.badge.online'), kind: 'plain' };
  };

  return (
    <fieldset className="backbone-chooser" disabled={running} data-testid="backbone.chooser">
      <legend>{t('backbone.choose')}</legend>
      {CATALOGUE.map((spec) => {
        const b = badge(spec);
        return (
          <label
            key={spec.id}
            className={selected === spec.id ? 'backbone-option backbone-option-selected' : 'backbone-option'}
          >
            <input
              type="radio"
              name="backbone"
              value={spec.id}
              checked={selected === spec.id}
              onChange={() => actions.loadBackbone(spec.id)}
            />
            <span className="backbone-option-text">
              <span className="backbone-option-name">{backboneName(t, spec)}</span>
              <span className="backbone-option-facts">{facts(spec)}</span>
              <span className="backbone-badges">
                <span className={`badge badge-${b.kind}`} data-testid={`backbone.badge.${spec.id}`}>
                  {b.text}
                </span>
                {spec.verifiedOffline === false ? (
                  <span className="badge badge-warn">{t('backbone.badge.unverified')}</span>
                ) : null}
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
