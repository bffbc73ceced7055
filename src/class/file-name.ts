/** The class file's name, at the root of a class folder. */
export const CLASS_FILE = 'newsdeck.yaml';
