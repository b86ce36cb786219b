import type { StateCreator } from 'zustand';

/** The backbone of the next experiment: a catalogue id (src/core/backbones/catalogue.ts). */
export interface BackboneSlice {
  backbone: {
    id: string;
  };
}

export const initialBackbone = (): BackboneSlice['backbone'] => ({ id: 'digits-vgg' });

export const createBackboneSlice: StateCreator<BackboneSlice, [], [], BackboneSlice> = () => ({
  backbone: initialBackbone(),
});
