import { t } from '../../i18n';
import { competencesOf, evidenceWords, inLocale, levelName, type Framework, type PersonRow } from './words';

/** A person's competences, each with its target, the current level and where it comes from. */
export function RecordRows({ framework, person }: { framework: Framework; person: PersonRow }) {
  const cells = new Map(person.cells.map((c) => [c.competence, c]));
  return (
    <ul class="competence-list">
      {competencesOf(framework).map(({ area, competence }) => {
        const cell = cells.get(competence.key);
        const below =
          cell && cell.target !== null && cell.target !== undefined && (cell.current ?? -1) < cell.target;
        return (
          <li key={competence.key} class="competence-row">
            <p class="competence-row__name">
              {inLocale(competence.titles)} <span class="visually-hidden">({area})</span>
            </p>
            <p class="competence-row__levels">
              {t('competence.target')}: {levelName(framework, cell?.target)}
              <br />
              {t('competence.current')}: {levelName(framework, cell?.current)}
              {below && <span class="competence-row__below"> · {t('competence.belowTarget')}</span>}
              <br />
              {cell ? evidenceWords(cell) : t('competence.source.none')}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
