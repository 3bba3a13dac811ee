import { useState } from 'preact/hooks';
import { api, pages } from '../../api/client';
import { Button, LinkButton } from '../../components/Button/Button';
import { Card } from '../../components/Card/Card';
import { SelectField } from '../../components/Field/Field';
import { LoadState } from '../../components/Loading/Loading';
import { Notice } from '../../components/Notice/Notice';
import { ShowMore } from '../../components/ShowMore/ShowMore';
import { formatDate, t } from '../../i18n';
import { describe, type Trouble } from '../../lib/errors';
import { usePages } from '../../lib/usePages';
import { browserZone, todayIn } from '../shifts/words';
import { useResource } from '../../lib/useResource';
import {
  competencesOf,
  inLocale,
  levelName,
  progressName,
  scenarioName,
  type Framework,
  type PlanGoal,
  type TrainingRecord,
} from './words';

function names(framework: Framework): Map<string, string> {
  return new Map(competencesOf(framework).map((c) => [c.competence.key, inLocale(c.competence.titles)]));
}

function Training({
  record,
  framework,
  canWrite,
  onRemoved,
}: {
  record: TrainingRecord;
  framework: Framework;
  canWrite: boolean;
  onRemoved: () => void;
}) {
  const words = names(framework);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [trouble, setTrouble] = useState<Trouble | null>(null);

  async function remove() {
    setBusy(true);
    setTrouble(null);
    try {
      await api.delete('/api/competence/trainings/{training_id}', { path: { training_id: record.id } });
      onRemoved();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="competence-row">
      <p class="competence-row__name">{record.course}</p>
      <p class="competence-row__levels">
        {t('competence.training.line', { hours: record.hours, date: formatDate(record.takenOn) })}
        {record.provider ? ` · ${record.provider}` : ''}
      </p>
      {record.competences.length > 0 && <p>{record.competences.map((k) => words.get(k) ?? k).join(', ')}</p>}
      {record.expiresOn && (
        <p class={record.expiring ? 'competence-row__below' : undefined}>
          {t(
            record.expiresOn < todayIn(browserZone())
              ? 'competence.training.expiredOn'
              : record.expiring
                ? 'competence.training.expiringOn'
                : 'competence.training.expiresOn',
            { date: formatDate(record.expiresOn) },
          )}
        </p>
      )}
      {record.certificate && (
        <p>
          <a href={record.certificate.url} target="_blank" rel="noopener">
            {t('competence.training.openCertificate', { course: record.course })}
          </a>
        </p>
      )}
      {trouble && <Notice kind="error" title={trouble.title} />}
      {canWrite &&
        (asking ? (
          <div class="actions" role="group" aria-label={t('competence.training.removeAsk', { course: record.course })}>
            <p>{t('competence.training.removeAsk', { course: record.course })}</p>
            <Button variant="danger" busy={busy} onClick={() => void remove()}>
              {t('competence.training.removeYes')}
            </Button>
            <Button onClick={() => setAsking(false)}>{t('competence.training.removeNo')}</Button>
          </div>
        ) : (
          <Button onClick={() => setAsking(true)}>{t('competence.training.remove', { course: record.course })}</Button>
        ))}
    </li>
  );
}

function Goal({ goal, framework, onChanged }: { goal: PlanGoal; framework: Framework; onChanged: () => void }) {
  const [progress, setProgress] = useState(goal.progress === null || goal.progress === undefined ? '' : String(goal.progress));
  const [trouble, setTrouble] = useState<Trouble | null>(null);
  const [busy, setBusy] = useState(false);
  const words = names(framework);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setTrouble(null);
    try {
      await action();
      onChanged();
    } catch (error) {
      setTrouble(describe(error));
    } finally {
      setBusy(false);
    }
  }
  const rate = (close: boolean) =>
    run(() =>
      api.put('/api/competence/plan-goals/{goal_id}/progress', {
        path: { goal_id: goal.id },
        body: { progress: Number(progress || 0), close },
      }),
    );
  return (
    <li class="competence-row">
      <p class="competence-row__name">{goal.title}</p>
      {goal.means && <p>{goal.means}</p>}
      <p class="competence-row__levels">
        {words.get(goal.competence) ?? goal.competence} ·{' '}
        {t('competence.plan.dates', { start: formatDate(goal.startsOn), end: formatDate(goal.endsOn) })}
      </p>
      <p>
        {t(`competence.plan.status.${goal.status}`, { name: goal.proposedByName })} · {progressName(goal.progress)}
      </p>
      {trouble && <Notice kind="error" title={trouble.title} />}
      {goal.awaitsMe && (
        <Button
          variant="primary"
          busy={busy}
          onClick={() => void run(() => api.post('/api/competence/plan-goals/{goal_id}/agree', { path: { goal_id: goal.id } }))}
        >
          {t('competence.plan.agree', { goal: goal.title })}
        </Button>
      )}
      {goal.status === 'agreed' && (
        <details>
          <summary>{t('competence.plan.rate', { goal: goal.title })}</summary>
          <SelectField id={`goal-progress-${goal.id}`} label={t('competence.plan.progressLabel')} value={progress} onValue={setProgress}>
            <option value="">{t('competence.visit.choose')}</option>
            {[-2, -1, 0, 1, 2].map((p) => (
              <option key={p} value={String(p)}>
                {progressName(p)}
              </option>
            ))}
          </SelectField>
          <div class="actions">
            <Button busy={busy} onClick={() => void rate(false)}>
              {t('competence.plan.saveProgress')}
            </Button>
            <Button busy={busy} onClick={() => void rate(true)}>
              {t('competence.plan.close')}
            </Button>
          </div>
        </details>
      )}
    </li>
  );
}

/**
 * The path of a new coach on a person's page (their own *My development*, or the coordinator's
 * view of one coach): provisional status, certificates about to expire, the development plan,
 * training records and simulations.
 */
export function PathCards({
  person,
  framework,
  self,
  canWrite = true,
}: {
  person?: string;
  framework: Framework;
  self: boolean;
  /** Add training records and propose goals (not a field mentor: they read and log visits). */
  canWrite?: boolean;
}) {
  const query = person ? { person } : {};
  const [round, setRound] = useState(0);
  const summary = useResource(() => api.get('/api/competence/path', { query }), [person, round]);
  const goals = usePages(() => pages.first('/api/competence/plan-goals', { query: { ...query, limit: 10 } }), [person, round]);
  const [removed, setRemoved] = useState(0);
  const trainings = usePages(() => pages.first('/api/competence/trainings', { query: { ...query, limit: 10 } }), [person, removed]);
  const simulations = usePages(() => pages.first('/api/competence/simulations', { query: { ...query, limit: 10 } }), [person]);
  const s = summary.data;
  const forWhom = person ? `?person=${person}` : '';
  const openGoals = (goals.items ?? []).filter((g) => g.status !== 'closed').length;
  return (
    <>
      {s === undefined ? (
        <LoadState loading={summary.loading} trouble={summary.trouble} />
      ) : (
        <>
          {s.provisional && (
            <Notice kind="warning" title={t(self ? 'competence.path.provisionalMe' : 'competence.path.provisionalThem', { name: s.displayName })}>
              <p>{t('competence.path.provisionalText')}</p>
              {self && (
                <LinkButton href="/development/onboarding" variant="primary" block>
                  {t('competence.path.onboarding.start')}
                </LinkButton>
              )}
            </Notice>
          )}
          {s.expiring.length > 0 && (
            <Notice kind="warning" title={t('competence.training.expiringTitle', { count: s.expiring.length })}>
              <ul>
                {s.expiring.map((r) => (
                  <li key={r.id}>
                    {r.course}: {formatDate(r.expiresOn)}
                  </li>
                ))}
              </ul>
            </Notice>
          )}
        </>
      )}
      <Card id="path-plan" title={t('competence.plan.title')}>
        <p>{t('competence.plan.intro')}</p>
        {canWrite && openGoals < 3 && (
          <div class="actions">
            <LinkButton href={`/development/plan${forWhom}`} block>
              {t('competence.plan.new')}
            </LinkButton>
          </div>
        )}
        {goals.items === undefined ? (
          <LoadState loading={goals.loading} trouble={goals.trouble} />
        ) : goals.items.length === 0 ? (
          <p>{t('competence.plan.none')}</p>
        ) : (
          <ShowMore list={goals}>
            <ul class="competence-list" aria-label={t('competence.plan.title')}>
              {goals.items.map((g) => (
                <Goal key={`${g.id}-${g.updatedAt}`} goal={g} framework={framework} onChanged={() => setRound(round + 1)} />
              ))}
            </ul>
          </ShowMore>
        )}
      </Card>
      <Card id="path-training" title={t('competence.training.list')}>
        {canWrite && (
          <div class="actions">
            <LinkButton href={`/development/training${forWhom}`} block>
              {t('competence.training.add')}
            </LinkButton>
          </div>
        )}
        {trainings.items === undefined ? (
          <LoadState loading={trainings.loading} trouble={trainings.trouble} />
        ) : trainings.items.length === 0 ? (
          <p>{t('competence.training.none')}</p>
        ) : (
          <ShowMore list={trainings}>
            <ul class="competence-list" aria-label={t('competence.training.list')}>
              {trainings.items.map((r) => (
                <Training
                  key={r.id}
                  record={r}
                  framework={framework}
                  canWrite={canWrite}
                  onRemoved={() => {
                    setRemoved(removed + 1);
                    setRound(round + 1);
                  }}
                />
              ))}
            </ul>
          </ShowMore>
        )}
      </Card>
      <Card id="path-simulations" title={t('competence.simulation.list')}>
        {simulations.items === undefined ? (
          <LoadState loading={simulations.loading} trouble={simulations.trouble} />
        ) : simulations.items.length === 0 ? (
          <p>{t('competence.simulation.none')}</p>
        ) : (
          <ShowMore list={simulations}>
            <ul class="competence-list" aria-label={t('competence.simulation.list')}>
              {simulations.items.map((sim) => {
                const words = names(framework);
                return (
                  <li key={sim.id} class="competence-row">
                    <p class="competence-row__name">
                      {formatDate(sim.heldOn)} · {scenarioName(sim.scenario)} · {sim.observerName}
                    </p>
                    {sim.scenarioText && <p>{sim.scenarioText}</p>}
                    <ul>
                      {sim.seen.map((x) => (
                        <li key={x.competence}>
                          {words.get(x.competence) ?? x.competence}: {levelName(framework, x.level)}
                        </li>
                      ))}
                    </ul>
                    {sim.nextStep && (
                      <p>
                        {t('competence.visit.nextStep')}: {sim.nextStep}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </ShowMore>
        )}
      </Card>
    </>
  );
}
