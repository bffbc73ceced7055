/** The class file's name, at the root of a class folder. */
export const CLASS_FILE = 'newsdeck.yaml';

/** The largest class file read: a class file of 40 articles is well under a kilobyte or two. */
export const MAX_CLASS_FILE_BYTES = 64 * 1024;
