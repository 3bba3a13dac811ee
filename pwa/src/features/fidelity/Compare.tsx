import { api } from '../../api/client';
import { LoadState } from '../../components/Loading/Loading';
import { Page } from '../../components/Page/Page';
import { t } from '../../i18n';
import { useLocation } from '../../lib/router';
import { useResource } from '../../lib/useResource';
import { templateOf } from './data';
import { changeWords, differenceWords, itemTitle, pick, reviewTitle, scoreWords, totalWords } from './words';
import './Fidelity.css';

/**
 * `/fidelity/compare?first=…&second=…`: two reviews made with the same template, the sections'
 * totals and every item side by side; each change is said in words ("Up 2"), not only shown in
 * colour (WCAG 1.4.1).
 */
export default function Compare() {
  const { query } = useLocation();
  const first = query.get('first') ?? '';
  const second = query.get('second') ?? '';
  const loaded = useResource(async () => {
    const comparison = await api.get('/api/fidelity/comparison', { query: { first, second } });
    return { comparison, template: await templateOf(comparison.second) };
  }, [first, second]);
  const data = loaded.data;
  return (
    <Page title={t('fidelity.compare.title')} back={{ href: '/fidelity', label: t('fidelity.title') }}>
      {!data ? (
        <LoadState loading={loaded.loading} trouble={loaded.trouble} />
      ) : (
        <>
          <dl class="fidelity-compare__reviews">
            <dt>{t('fidelity.compare.first')}</dt>
            <dd>
              {reviewTitle(data.comparison.first)}. {totalWords(data.comparison.first)}
            </dd>
            <dt>{t('fidelity.compare.second')}</dt>
            <dd>
              {reviewTitle(data.comparison.second)}. {totalWords(data.comparison.second)}
            </dd>
          </dl>
          <p class="fidelity-compare__total">
            {t('fidelity.compare.totalChange')}: <strong>{differenceWords(data.comparison.difference)}</strong>
          </p>
          {data.comparison.sections.map((section) => {
            const title = pick(data.template.sections.find((s) => s.key === section.section)?.titles);
            return (
              <section key={section.section} aria-labelledby={`compare-${section.section}`} class="fidelity-section">
                <h2 id={`compare-${section.section}`}>{title}</h2>
                <p>
                  {t('fidelity.compare.sectionLine', { before: section.before, after: section.after })}{' '}
                  <strong>{differenceWords(section.difference)}</strong>
                </p>
                <ul class="fidelity-changes" aria-label={title}>
                  {data.comparison.items
                    .filter((i) => i.section === section.section)
                    .map((i) => (
                      <li key={i.item} class={`fidelity-change fidelity-change--${i.change}`}>
                        <span class="fidelity-change__item">{itemTitle(data.template, i.item)}</span>
                        <span>
                          {scoreWords(data.template.scale, i.before)} → {scoreWords(data.template.scale, i.after)}
                        </span>
                        <strong class="fidelity-change__words">{changeWords(i)}</strong>
                      </li>
                    ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </Page>
  );
}
