import { useId, useRef, useState, type DragEvent } from 'react';
import { formatBytes } from '../lib/format';
import { rejectReason, type FilePolicy, DEFAULT_POLICY } from '../lib/files';

export interface Rejected {
  name: string;
  reason: string;
}

/**
 * Drag-and-drop zone that is also a plain file input (keyboard: Tab to it, Enter/Space opens the picker).
 * Keeps the accepted files; lists refused ones with the reason, so nothing disappears silently.
 */
export function FileDrop({
  files,
  onChange,
  multiple = true,
  policy = DEFAULT_POLICY,
  label = 'Файлы',
  accept,
  disabled,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  multiple?: boolean;
  policy?: FilePolicy;
  label?: string;
  accept?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [rejected, setRejected] = useState<Rejected[]>([]);

  function add(list: FileList | File[]) {
    const incoming = Array.from(list);
    const ok: File[] = [];
    const bad: Rejected[] = [];
    for (const f of incoming) {
      const reason = rejectReason(f, policy);
      if (reason) bad.push({ name: f.name, reason });
      else ok.push(f);
    }
    let next = multiple ? [...files] : [];
    for (const f of ok) {
      if (!next.some((n) => n.name === f.name && n.size === f.size)) next.push(f);
    }
    if (!multiple) next = next.slice(-1);
    if (next.length > policy.maxFiles) {
      for (const f of next.slice(policy.maxFiles))
        bad.push({ name: f.name, reason: `не больше ${policy.maxFiles} файлов за раз` });
      next = next.slice(0, policy.maxFiles);
    }
    // Every refusal stays listed until the file is added after all or the list is dismissed: a second
    // refused file must not hide the first one's reason.
    setRejected((prev) => {
      const added = new Set(next.map((f) => f.name));
      const kept = prev.filter((r) => !added.has(r.name) && !bad.some((b) => b.name === r.name));
      return [...kept, ...bad];
    });
    onChange(next);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (!disabled && e.dataTransfer.files.length) add(e.dataTransfer.files);
  }

  const hintId = `${id}-hint`;
  return (
    <div className="filedrop-wrap">
      <label
        htmlFor={id}
        className={`filedrop${over ? ' filedrop-over' : ''}${disabled ? ' filedrop-disabled' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="filedrop"
      >
        <input
          ref={input}
          id={id}
          type="file"
          className="visually-hidden"
          multiple={multiple}
          accept={accept ?? policy.extensions.map((e) => `.${e}`).join(',')}
          aria-describedby={hintId}
          disabled={disabled}
          onChange={(e) => {
            if (e.target.files) add(e.target.files);
            e.target.value = '';
          }}
        />
        <span className="filedrop-icon" aria-hidden="true">
          ⇪
        </span>
        <span className="filedrop-title">{label}</span>
        <span className="filedrop-text">
          Перетащите {multiple ? 'файлы' : 'файл'} сюда или{' '}
          <span className="btn-link">выберите на компьютере</span>
        </span>
        <span className="hint" id={hintId}>
          {policy.extensions.map((e) => e.toUpperCase()).join(', ')}
          {'\u00a0· до '}
          {Math.round(policy.maxBytes / 1024 / 1024)} МБ
          {multiple ? `\u00a0· до ${policy.maxFiles} файлов` : ''}
        </span>
      </label>
      {rejected.length > 0 && (
        <div className="alert alert-error" role="alert" data-testid="rejected-files">
          <div className="alert-body">
            <strong>
              {rejected.length > 1 ? `Не добавлено файлов: ${rejected.length}` : 'Не добавлено:'}
            </strong>
            <ul className="plain-list">
              {rejected.map((r) => (
                <li key={r.name + r.reason}>
                  «{r.name}» — {r.reason}
                </li>
              ))}
            </ul>
          </div>
          <button
            type="button"
            className="btn-icon"
            onClick={() => setRejected([])}
            aria-label="Скрыть список не добавленных файлов"
          >
            ×
          </button>
        </div>
      )}
      {files.length > 0 && (
        <ul className="file-list" aria-label="Выбранные файлы">
          {files.map((f, i) => (
            <li key={f.name + f.size}>
              <span className="file-name">{f.name}</span>
              <span className="file-size">{formatBytes(f.size)}</span>
              <button
                type="button"
                className="btn-icon"
                disabled={disabled}
                aria-label={`Убрать файл ${f.name}`}
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
