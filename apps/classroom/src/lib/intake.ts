/**
 * Reading what the teacher gives the app: files picked with the file input
 * (many at once), or files and folders dropped on the drop zone. A dropped
 * folder is walked to the bottom; only its files ending in .json are read
 * (a class folder also holds other things). Every file is read as text; one
 * that cannot be read is kept as such, so it shows up as a refused row.
 */
import type { ReadFile } from './class.js';

/** A file with the name the table shows (a folder's files keep their path in it). */
export interface NamedFile {
  readonly name: string;
  readonly file: File;
}

/** Whether a file found inside a dropped folder is read. */
export function isJsonName(name: string): boolean {
  return /\.json$/i.test(name);
}

export async function readAll(files: readonly NamedFile[]): Promise<ReadFile[]> {
  return Promise.all(
    files.map(async ({ name, file }): Promise<ReadFile> => {
      try {
        return { name, text: await file.text() };
      } catch {
        return { name, error: 'read-failed' };
      }
    }),
  );
}

export function namedFiles(list: FileList | readonly File[] | null | undefined): NamedFile[] {
  return list ? Array.from(list, (file) => ({ name: file.name, file })) : [];
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every entry of a folder (readEntries gives them in batches until it gives none). */
async function entriesOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isFolder(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}
function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

/** The .json files under `folder`, at any depth, named by their path in it, in name order. */
async function walk(folder: FileSystemDirectoryEntry, prefix: string): Promise<NamedFile[]> {
  const entries = (await entriesOf(folder)).sort((a, b) => a.name.localeCompare(b.name));
  const out: NamedFile[] = [];
  for (const entry of entries) {
    const path = `${prefix}${entry.name}`;
    if (isFolder(entry)) out.push(...(await walk(entry, `${path}/`)));
    else if (isFile(entry) && isJsonName(entry.name)) {
      try {
        out.push({ name: path, file: await fileOf(entry) });
      } catch {
        // A file that vanished while walking is not there to read.
      }
    }
  }
  return out;
}

/** What a drop brought: the files dropped, and the .json files inside any folder dropped; `folders` counts the folders. */
export interface Dropped {
  readonly files: NamedFile[];
  readonly folders: number;
}

/**
 * The files of a drop. The entries must be taken from the DataTransfer
 * before the first await (the browser empties it once the event is over);
 * browsers without entries give the dropped files as they are.
 */
export function droppedFiles(transfer: DataTransfer): Promise<Dropped> {
  const entries: (FileSystemEntry | File)[] = [];
  const items = transfer.items ? Array.from(transfer.items) : [];
  if (items.length > 0 && typeof items[0]!.webkitGetAsEntry === 'function') {
    for (const item of items) {
      if (item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry();
      if (entry) entries.push(entry);
      else {
        const file = item.getAsFile();
        if (file) entries.push(file);
      }
    }
  } else {
    entries.push(...Array.from(transfer.files));
  }
  return (async () => {
    const files: NamedFile[] = [];
    let folders = 0;
    for (const entry of entries) {
      if (entry instanceof File) files.push({ name: entry.name, file: entry });
      else if (isFolder(entry)) {
        folders++;
        files.push(...(await walk(entry, `${entry.name}/`)));
      } else if (isFile(entry)) {
        try {
          files.push({ name: entry.name, file: await fileOf(entry) });
        } catch {
          // Gone already: nothing to read.
        }
      }
    }
    return { files, folders };
  })();
}
