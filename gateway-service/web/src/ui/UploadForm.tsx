import { useState, type FormEvent } from 'react';

/** What case-service takes (it checks again, by content): these types, up to 5 MB. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = '.pdf,.png,.jpg,.jpeg,.gif,.txt,.log,.csv';

/** The form's own check before anything is sent. */
export function fileProblem(file: File | null, maxBytes = MAX_ATTACHMENT_BYTES): 'missing' | 'tooLarge' | null {
  if (!file) return 'missing';
  return file.size > maxBytes ? 'tooLarge' : null;
}

export interface UploadTexts {
  label: string;
  hint: string;
  submit: string;
  missing: string;
  tooLarge: string;
}

/** One file picked and uploaded; the field empties itself once the upload went through. */
export function UploadForm({
  id,
  texts,
  busy,
  onSubmit,
}: {
  id: string;
  texts: UploadTexts;
  busy: boolean;
  onSubmit: (file: File) => Promise<boolean>;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<'missing' | 'tooLarge' | null>(null);
  const [key, setKey] = useState(0);
  const send = (e: FormEvent) => {
    e.preventDefault();
    const found = fileProblem(file);
    setProblem(found);
    if (found || !file) return;
    void onSubmit(file).then((ok) => {
      if (ok) {
        setFile(null);
        setKey((k) => k + 1);
      }
    });
  };
  return (
    <form className="stack" onSubmit={send} noValidate>
      <div className="field">
        <label htmlFor={id}>{texts.label}</label>
        <p id={`${id}-hint`} className="hint">
          {texts.hint}
        </p>
        <input
          key={key}
          id={id}
          type="file"
          accept={ATTACHMENT_TYPES}
          aria-describedby={problem ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        {problem && (
          <p id={`${id}-error`} className="field-error">
            {problem === 'missing' ? texts.missing : texts.tooLarge}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {texts.submit}
        </button>
      </div>
    </form>
  );
}
