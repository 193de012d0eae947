import type { FastifyInstance } from 'fastify';
import type { Services } from '../services';
import { authRoutes } from './auth/routes';
import { homeRoutes } from './home/routes';
import { draftRoutes } from './drafts/routes';
import { oidcRoutes } from './auth/oidcRoutes';
import { adminRoutes } from './admin';
import { frontDoorRoutes } from './referrals';
import { episodeAndAllocationRoutes } from './caseload';
import { familiesRoutes } from './families/routes';
import { peopleRoutes } from './people/routes';
import { visitsRoutes } from './visits';
import { caseNoteRoutes } from './caseNotes/routes';
import { plainLanguageRoutes } from './plainLanguage/routes';
import { livingAssessmentRoutes } from './assessments/living';
import { taskRoutes } from './tasks/routes';
import { assessmentSectionRoutes } from './assessments/sections';
import { assessmentRoutes } from './assessments';
import { chronologyRoutes } from './chronology/routes';

/** Every feature's routes, registered after the platform's security steps. */
export const featureRoutes: ((app: FastifyInstance, services: Services) => Promise<void>)[] = [authRoutes, homeRoutes, draftRoutes, oidcRoutes, adminRoutes, frontDoorRoutes, episodeAndAllocationRoutes, familiesRoutes, peopleRoutes, visitsRoutes, caseNoteRoutes, plainLanguageRoutes, assessmentSectionRoutes, chronologyRoutes, assessmentRoutes, livingAssessmentRoutes, taskRoutes];
