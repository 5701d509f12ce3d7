import type { MigrationInterface } from 'typeorm';
import { ControlPlane1795531093272 } from './1795531093272-ControlPlane';

// Every migration class, oldest first. Files are named `<timestamp>-<Name>.ts`; add each new one here.
export const migrations: Array<new () => MigrationInterface> = [ControlPlane1795531093272];
