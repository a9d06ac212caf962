import { uploadPrefix } from '@shared/uploads';
import { defineFunction } from '../_runtime/handler';
import type { Runtime } from '../_runtime/runtime';
import { createAccountRepository } from './account.repository';
import { createCaseContactRepository } from './case-contact.repository';
import { caseContact } from './case-contact.service';
import { createContactRepository } from './contact.repository';
import * as contact from './contact.service';
import { getMe, getMyApplication, requestReReview } from './account.service';
import { getDistrictSettings, saveDistrictSettings } from './district-settings.service';
import { getHolidayCalendar, recountDeadlinesJob, saveHolidayCalendar } from './holiday-calendar.service';
import { createPeopleRepository } from './people.repository';
import * as people from './people.service';

const repo = (rt: Runtime) => createAccountRepository(rt.db);
const peopleRepo = (rt: Runtime) => createPeopleRepository(rt.db);
const contactRepo = (rt: Runtime) => createContactRepository(rt.db);

/** `account`: health, the caller's own home page data and application, and the office's holiday calendar. */
export const accountFunction = defineFunction(
  'account',
  {
    health: async (_input, { rt }) => ({ status: 'ok', function: 'account', time: rt.now().toISOString() }),
    me: async (_input, ctx) => {
      await people.ensureUser(peopleRepo(ctx.rt), ctx);
      return getMe(repo(ctx.rt), ctx);
    },
    myApplication: async (_input, ctx) => getMyApplication(repo(ctx.rt), ctx),
    // Anyone signed in, for themselves only: the prefix is made from the platform's OPENID.
    uploadPrefix: async (_input, ctx) => ({ prefix: uploadPrefix(ctx.caller.openid) }),
    requestReReview: async (input, ctx) => requestReReview(repo(ctx.rt), input, ctx),
    holidayCalendar: async (input, ctx) => getHolidayCalendar(repo(ctx.rt), input, ctx),
    saveHolidayCalendar: async (input, ctx) => saveHolidayCalendar(repo(ctx.rt), input, ctx),
    districtSettings: async (_input, ctx) => getDistrictSettings(repo(ctx.rt), ctx),
    saveDistrictSettings: async (input, ctx) => saveDistrictSettings(repo(ctx.rt), input, ctx),
    // People (issue #17): people.service.ts
    setupAdmin: async (input, ctx) => people.setupAdmin(peopleRepo(ctx.rt), input, ctx),
    consent: async (input, ctx) => people.consent(peopleRepo(ctx.rt), input, ctx),
    bindHousehold: async (input, ctx) => people.bindHousehold(peopleRepo(ctx.rt), input, ctx),
    unbindHousehold: async (_input, ctx) => people.unbindHousehold(peopleRepo(ctx.rt), ctx),
    createInvitation: async (input, ctx) => people.createInvitation(peopleRepo(ctx.rt), input, ctx),
    invitations: async (_input, ctx) => people.invitations(peopleRepo(ctx.rt), ctx),
    revokeInvitation: async (input, ctx) => people.revokeInvitation(peopleRepo(ctx.rt), input, ctx),
    invitationQr: async (input, ctx) => people.invitationQr(peopleRepo(ctx.rt), input, ctx),
    acceptInvitation: async (input, ctx) => people.acceptInvitation(peopleRepo(ctx.rt), input, ctx),
    staff: async (_input, ctx) => people.staff(peopleRepo(ctx.rt), ctx),
    revokeRole: async (input, ctx) => people.revokeRole(peopleRepo(ctx.rt), input, ctx),
    familyMembers: async (_input, ctx) => people.familyMembers(peopleRepo(ctx.rt), ctx),
    removeFamilyMember: async (input, ctx) => people.removeFamilyMember(peopleRepo(ctx.rt), input, ctx),
    bindings: async (_input, ctx) => people.bindings(peopleRepo(ctx.rt), ctx),
    revealIdNumber: async (input, ctx) => people.revealIdNumber(peopleRepo(ctx.rt), input, ctx),
    idAccessLog: async (_input, ctx) => people.idAccessLog(peopleRepo(ctx.rt), ctx),
    caseContact: async (input, ctx) => caseContact(createCaseContactRepository(ctx.rt.db), input, ctx),
    myData: async (_input, ctx) => people.myData(peopleRepo(ctx.rt), ctx),
    requestCorrection: async (input, ctx) => people.requestCorrection(peopleRepo(ctx.rt), input, ctx),
    corrections: async (_input, ctx) => people.corrections(peopleRepo(ctx.rt), ctx),
    resolveCorrection: async (input, ctx) => people.resolveCorrection(peopleRepo(ctx.rt), input, ctx),
    // Contact by telephone (issue #17): contact.service.ts
    confirmWorkPhone: async (input, ctx) => contact.confirmWorkPhone(contactRepo(ctx.rt), input, ctx),
    workerContact: async (input, ctx) => contact.workerContact(contactRepo(ctx.rt), input, ctx),
    serviceContact: async (_input, ctx) => contact.serviceContact(contactRepo(ctx.rt), ctx),
  },
  {
    // Provisional working-day deadlines are recounted on saving a year; this also catches a year that a
    // chinese-days upgrade brought in, and a save whose recount was cut off.
    timers: {
      'daily-deadline-recount': (rt, slice) => recountDeadlinesJob(repo(rt), rt, slice),
      // Exited households' personal data past the retention period (people.rule.ts RETENTION_SOURCE).
      // and household records still holding a plain ID number sealed (a bounded batch of each per run).
      // Without the ID keys configured, sealing waits and erasure still runs.
      'daily-retention': async (rt) => {
        const keys = (() => {
          try {
            return rt.people.idKeys();
          } catch {
            return null;
          }
        })();
        return {
          ...(keys
            ? await people.sealPlainIdNumbers(peopleRepo(rt), keys)
            : { sealed: 0, moreToSeal: false }),
          ...(await people.eraseExpiredHouseholds(peopleRepo(rt), rt.now(), rt.policy)),
        };
      },
    },
  },
);
