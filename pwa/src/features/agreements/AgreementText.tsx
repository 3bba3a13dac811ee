import { t } from '../../i18n';
import { datesInWords, rhythmInWords, waysInWords, type Version } from './words';

/**
 * One version of an agreement in plain words: the rules (in the language they were written in,
 * read aloud in it), the goal, the dates, how often and how the two meet. The client reads
 * exactly this before agreeing.
 */
export function AgreementText({ version, id }: { version: Version; id: string }) {
  return (
    <div class="agreement-text">
      <h2 id={`${id}-rules`}>{t('agreements.rules')}</h2>
      <ol class="agreement-rules" aria-labelledby={`${id}-rules`} lang={version.locale} dir="auto">
        {version.rules.map((rule, index) => (
          <li key={index}>{rule}</li>
        ))}
      </ol>
      <h2 id={`${id}-goal`}>{t('agreements.goal')}</h2>
      {version.goals.length > 0 && (
        <ul aria-labelledby={`${id}-goal`}>
          {version.goals.map((goal) => (
            <li key={goal.id} dir="auto">
              {goal.title}
            </li>
          ))}
        </ul>
      )}
      {version.goalText && <p dir="auto">{version.goalText}</p>}
      <h2 id={`${id}-time`}>{t('agreements.howLong')}</h2>
      <p>{datesInWords(version)}</p>
      <h2 id={`${id}-meet`}>{t('agreements.howOften')}</h2>
      <p>{rhythmInWords(version)}</p>
      <p>{waysInWords(version.ways)}</p>
      {version.remindAt && <p>{t('agreements.remindAt', { time: version.remindAt })}</p>}
    </div>
  );
}
