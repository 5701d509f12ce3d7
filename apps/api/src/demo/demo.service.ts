import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { Organization, Region, RoleAssignment, Roadmap, User } from '@karta/persistence';
import type { OrganizationKind, Role } from '@karta/domain';
import { hashPassword, randomToken } from '../auth/passwords';
import { AppConfig } from '../config';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { LaunchService } from '../roadmaps/launch.service';
import { RoadmapsService } from '../roadmaps/roadmaps.service';
import { demoRoadmapText } from './demo-roadmap';

export interface DemoSummary {
  created: boolean;
  regionId: string;
  roadmapId: string;
  password: string;
  users: Array<{ email: string; role: Role; fullName: string }>;
  launch?: {
    activities: number;
    occurrences: number;
    workflows: { started: number; pending: number; failed: number };
    pastDue: number;
  };
}

const REGION = { code: 'demo', name: 'Демонстрационная область', tz: 'Europe/Moscow' };

const ORGS: Array<{
  key: string;
  kind: OrganizationKind;
  name: string;
  shortName: string;
  aliases: string[];
  parent?: string;
}> = [
  {
    key: 'ministry',
    kind: 'ministry',
    name: 'Министерство образования Демонстрационной области',
    shortName: 'Минобразования',
    aliases: ['министерство', 'Министерство образования'],
  },
  {
    key: 'institute',
    kind: 'institute',
    name: 'Демонстрационный институт развития образования',
    shortName: 'ГАУ ДПО «ДИРО»',
    aliases: ['ДИРО', 'ЦНППМ', 'Центр непрерывного повышения профессионального мастерства'],
    parent: 'ministry',
  },
  {
    key: 'municipal1',
    kind: 'municipal',
    name: 'Управление образования администрации города Примерска',
    shortName: 'Управление образования г. Примерска',
    aliases: ['УО Примерска'],
  },
  {
    key: 'municipal2',
    kind: 'municipal',
    name: 'Отдел образования администрации Образцовского района',
    shortName: 'Отдел образования Образцовского района',
    aliases: ['ОО Образцовского района'],
  },
  {
    key: 'school',
    kind: 'school',
    name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1 г. Примерска»',
    shortName: 'СШ № 1 г. Примерска',
    aliases: ['МБОУ СШ № 1'],
    parent: 'municipal1',
  },
];

const USERS: Array<{ email: string; fullName: string; position: string; org: string; role: Role }> = [
  {
    email: 'admin@demo.karta',
    fullName: 'Администратор Системы',
    position: 'Администратор',
    org: 'ministry',
    role: 'admin',
  },
  {
    email: 'curator@demo.karta',
    fullName: 'Смирнова Ольга Викторовна',
    position: 'Консультант отдела дополнительного образования',
    org: 'ministry',
    role: 'curator',
  },
  {
    email: 'head@demo.karta',
    fullName: 'Ковалёв Андрей Петрович',
    position: 'Ректор',
    org: 'institute',
    role: 'head',
  },
  {
    email: 'executor@demo.karta',
    fullName: 'Иванова Мария Сергеевна',
    position: 'Руководитель ЦНППМ',
    org: 'institute',
    role: 'executor',
  },
  {
    email: 'head.primersk@demo.karta',
    fullName: 'Петров Игорь Николаевич',
    position: 'Начальник управления образования',
    org: 'municipal1',
    role: 'head',
  },
  {
    email: 'executor.primersk@demo.karta',
    fullName: 'Сидорова Елена Андреевна',
    position: 'Методист',
    org: 'municipal1',
    role: 'executor',
  },
  {
    email: 'head.obrazcovo@demo.karta',
    fullName: 'Белова Светлана Юрьевна',
    position: 'Заведующий отделом образования',
    org: 'municipal2',
    role: 'head',
  },
  {
    email: 'executor.obrazcovo@demo.karta',
    fullName: 'Кузнецов Павел Олегович',
    position: 'Методист',
    org: 'municipal2',
    role: 'executor',
  },
  {
    email: 'director@demo.karta',
    fullName: 'Орлова Наталья Ивановна',
    position: 'Директор',
    org: 'school',
    role: 'head',
  },
];

/** Loads the demo region, its directory and a roadmap (imported by the real importer and launched). Idempotent. */
@Injectable()
export class DemoService {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly roadmaps: RoadmapsService,
    private readonly launcher: LaunchService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async load(): Promise<DemoSummary> {
    const password = this.config.demoPassword;
    const existing = await this.manager.findOne(Region, { where: { code: REGION.code } });
    let created = false;
    let region = existing;
    if (!region) {
      created = true;
      region = await this.createDirectory(password);
    }
    const curator = await this.manager.findOneByOrFail(User, { email: 'curator@demo.karta' });
    const actor: AuthUser = { id: curator.id, email: curator.email, fullName: curator.fullName };
    let roadmap = await this.manager.findOne(Roadmap, {
      where: { regionId: region.id },
      order: { createdAt: 'DESC' },
    });
    if (!roadmap) {
      const today = this.clock.today(region.tz);
      const text = demoRoadmapText(today);
      const draft = await this.roadmaps.import(
        actor,
        {
          originalname: `Дорожная карта (демо) ${today}.txt`,
          buffer: Buffer.from(text, 'utf8'),
          size: Buffer.byteLength(text),
        },
        { regionId: region.id },
      );
      roadmap = await this.manager.findOneByOrFail(Roadmap, { id: draft.id });
      await this.resolveDraft(actor, draft.id);
    }
    const launch =
      roadmap.status === 'draft' || roadmap.status === 'active'
        ? await this.launcher.launch(actor, roadmap.id)
        : undefined;
    return {
      created,
      regionId: region.id,
      roadmapId: roadmap.id,
      password,
      users: USERS.map(({ email, role, fullName }) => ({ email, role, fullName })),
      ...(launch
        ? {
            launch: {
              activities: launch.activities,
              occurrences: launch.occurrences,
              workflows: launch.workflows,
              pastDue: launch.pastDue.length,
            },
          }
        : {}),
    };
  }

  private async createDirectory(password: string): Promise<Region> {
    const hash = await hashPassword(password);
    return this.manager.transaction(async (tx) => {
      const region = await tx.save(tx.create(Region, REGION));
      const ids = new Map<string, string>();
      for (const o of ORGS) {
        const org = await tx.save(
          tx.create(Organization, {
            regionId: region.id,
            kind: o.kind,
            name: o.name,
            shortName: o.shortName,
            aliases: o.aliases,
            parentId: o.parent ? ids.get(o.parent)! : null,
          }),
        );
        ids.set(o.key, org.id);
      }
      for (const u of USERS) {
        const user =
          (await tx.findOne(User, { where: { email: u.email } })) ??
          (await tx.save(
            tx.create(User, {
              email: u.email,
              fullName: u.fullName,
              position: u.position,
              passwordHash: hash,
              calendarToken: randomToken(32),
            }),
          ));
        await tx.insert(RoleAssignment, { userId: user.id, organizationId: ids.get(u.org)!, role: u.role });
      }
      return region;
    });
  }

  /** What a curator would do by hand: accept good suggestions, accept reviewed warnings and terms. */
  private async resolveDraft(actor: AuthUser, id: string): Promise<void> {
    await this.roadmaps.acceptSuggestions(actor, id, { minScore: 0.75 });
    const draft = await this.roadmaps.get(actor, id);
    for (const [index, w] of draft.warnings.entries())
      if (!w.accepted) await this.roadmaps.acceptWarning(actor, id, { index });
    for (const a of draft.activities) {
      for (const [index, w] of a.warnings.entries())
        if (!w.accepted) await this.roadmaps.acceptWarning(actor, id, { activityId: a.id, index });
      if (draft.blockers.some((b) => b.kind === 'term' && b.activityId === a.id))
        await this.roadmaps.updateActivity(actor, id, a.id, { acceptTerm: true });
      for (const s of a.assignments) {
        if (s.status === 'unresolved' || s.status === 'suggested')
          await this.roadmaps.resolveAssignment(actor, id, s.id, { ignore: true });
      }
    }
    const left = await this.roadmaps.blockers(actor, id);
    if (left.length)
      throw new Error(`demo roadmap cannot be launched:\n  ${left.map((b) => b.message).join('\n  ')}`);
  }
}
