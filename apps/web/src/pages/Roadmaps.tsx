import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { importRoadmap, listRoadmaps } from '../api/endpoints';
import type { RoadmapSummary } from '../api/types';
import { FileDrop } from '../components/FileDrop';
import { Alert, Empty, ErrorBox, Loading, PageHeader, ProgressBar } from '../components/ui';
import { formatDate, pluralize } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import type { FilePolicy } from '../lib/files';

const ROADMAP_FILES: FilePolicy = {
  maxBytes: 30 * 1024 * 1024,
  maxFiles: 1,
  extensions: ['docx', 'pdf', 'html', 'htm', 'xlsx', 'txt'],
};

const STATUS: Record<string, { label: string; tone: string }> = {
  draft: { label: 'Черновик', tone: 'warning' },
  active: { label: 'Запущена', tone: 'success' },
  closed: { label: 'Закрыта', tone: 'muted' },
};

function activityCount(r: RoadmapSummary): number | null {
  if (typeof r.activities === 'number') return r.activities;
  if (Array.isArray(r.activities)) return r.activities.length;
  return r.activitiesCount ?? null;
}

export default function RoadmapsPage() {
  const { data, error, loading, reload } = useAsync((signal) => listRoadmaps(signal), []);
  return (
    <>
      <PageHeader
        title="Дорожные карты"
        lead="Загрузите документ дорожной карты, проверьте распознанный план и запустите исполнение."
      />
      <ImportCard />
      <section aria-labelledby="h-list">
        <h2 id="h-list" className="section-title">
          Все дорожные карты {data && <span className="count">{data.length}</span>}
        </h2>
        <ErrorBox error={error} retry={reload} />
        {loading && !data && <Loading />}
        {data && data.length === 0 && <Empty>Дорожных карт пока нет.</Empty>}
        {data && data.length > 0 && (
          <ul className="rows" data-testid="roadmap-list">
            {data.map((r) => {
              const st = STATUS[r.status] ?? { label: r.status, tone: 'neutral' };
              const n = activityCount(r);
              return (
                <li key={r.id} className="row-card">
                  <div className="row-card-main">
                    <Link
                      to={r.status === 'draft' ? `/roadmaps/${r.id}` : `/roadmaps/${r.id}/progress`}
                      className="task-title"
                    >
                      {r.title}
                    </Link>
                    <div className="task-meta">
                      {n !== null && (
                        <span>{pluralize(n, ['мероприятие', 'мероприятия', 'мероприятий'])}</span>
                      )}
                      {r.period && (
                        <span>
                          {formatDate(r.period.from, false)} — {formatDate(r.period.to, false)}
                        </span>
                      )}
                      {r.version !== undefined && <span>версия {r.version}</span>}
                    </div>
                  </div>
                  <div className="page-actions">
                    <span className={`badge badge-${st.tone}`}>{st.label}</span>
                    {r.status === 'draft' ? (
                      <Link className="btn btn-small" to={`/roadmaps/${r.id}`}>
                        Проверить план
                      </Link>
                    ) : (
                      <>
                        <Link className="btn btn-small" to={`/roadmaps/${r.id}/progress`}>
                          Ход исполнения
                        </Link>
                        <Link className="btn btn-small btn-ghost" to={`/roadmaps/${r.id}`}>
                          План
                        </Link>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

function ImportCard() {
  const navigate = useNavigate();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'parsing'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!files[0]) return setError('Выберите файл дорожной карты');
    setPhase('uploading');
    setProgress(0);
    const h = importRoadmap(files[0], (f) => {
      setProgress(f);
      // Once every byte is sent the server is reading the document.
      if (f >= 1) setPhase('parsing');
    });
    try {
      const res = await h.promise;
      navigate(`/roadmaps/${res.id}`, { state: { imported: res } });
    } catch (err) {
      setError((err as Error).message);
      setPhase('idle');
      setProgress(null);
    }
  }

  const busy = phase !== 'idle';
  return (
    <section className="card" aria-labelledby="h-import">
      <h2 id="h-import">Импорт дорожной карты</h2>
      <form onSubmit={submit} noValidate>
        <FileDrop
          files={files}
          onChange={setFiles}
          multiple={false}
          policy={ROADMAP_FILES}
          label="Документ дорожной карты (DOCX, PDF, HTML, XLSX, TXT)"
          disabled={busy}
        />
        {busy && <ProgressBar value={progress ?? 0} label="Загрузка документа" />}
        {phase === 'parsing' && (
          <p className="muted small" role="status">
            Документ загружен, распознаём мероприятия и сроки…
          </p>
        )}
        {error && <Alert>{error}</Alert>}
        <button type="submit" className="btn btn-primary" disabled={busy || !files.length}>
          {busy ? 'Загружаем…' : 'Загрузить и распознать'}
        </button>
      </form>
    </section>
  );
}
