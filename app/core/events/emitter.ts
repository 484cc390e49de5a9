// Typed events in the VS Code style: an Event<T> is a function you call with a
// listener and that returns the unsubscribe function; the Emitter that fires it
// stays private to its owner. A listener that throws never stops the others.

export type Listener<T> = (value: T) => void;
export type Event<T> = (listener: Listener<T>) => () => void;

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A view's failure must not stop the others or the core.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
