// anki-apkg-export 4.0.3 ships no types; the baseline test needs only this much.
declare module 'anki-apkg-export' {
  interface Exporter {
    addCard(front: string, back: string, options?: { tags?: string[] | string }): void;
    save(options?: Record<string, unknown>): Promise<Uint8Array>;
  }
  type CreateExporter = (deckName: string, template?: Record<string, string>) => Exporter;
  const module: CreateExporter | { default: CreateExporter };
  export default module;
}
