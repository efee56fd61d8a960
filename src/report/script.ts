/**
 * The report's inline script (plain ES2017, no template literals). It reads the embedded JSON
 * (`#data`), renders the day map (SVG), the timelines, the körlistor and client weeks, and applies
 * the team / staff / day filters. Every text from the data is escaped before it enters markup.
 * When done it sets `data-ready` on `<html>`, `window.__reportReadyMs` (time since navigation start)
 * and `window.__reportScriptMs` (time spent in this script).
 */
export const SCRIPT = String.raw`(function(){
'use strict';
var T0=performance.now();
var D=JSON.parse(document.getElementById('data').textContent);
var T=D.t,NB=D.bases.length;
function $(id){return document.getElementById(id);}
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';';});}
function wall(m){var s=D.seg,lo=0,hi=s.length-1;while(lo<hi){var mid=(lo+hi+1)>>1;if(s[mid][0]<=m)lo=mid;else hi=mid-1;}var w=(s[lo][1]+(m-s[lo][0]))%1440;return w<0?w+1440:w;}
function p2(n){return (n<10?'0':'')+n;}
function hhmm(m){var w=wall(m);return p2(Math.floor(w/60))+':'+p2(w%60);}
function staffLabel(i){var s=D.staff[i];return s[1]?s[1]+' ('+s[0]+')':s[0];}
function clientLabel(i){var c=D.clients[i];return c[1]?c[1]+' ('+c[0]+')':c[0];}
function baseLabel(i){var b=D.bases[i];return b?(b[1]?b[1]+' ('+b[0]+')':b[0]):'';}
function locXY(l){if(l<0)return null;if(l<NB){var b=D.bases[l];return [b[2],b[3]];}var c=D.clients[l-NB];return c?[c[3],c[4]]:null;}
function locLabel(l){if(l<0)return '';if(l<NB)return T.base+' '+baseLabel(l);return clientLabel(l-NB);}
function taskList(v){var c=D.clients[v[0]],out=[];for(var i=0;i<v[5].length;i+=2){var t=c[6][v[5][i]];out.push(t[0]+' ('+(D.cat[t[1]]||t[1])+', '+v[5][i+1]+' '+T.min+')');}return out.join(', ');}
function others(v,si){var o=[];for(var i=0;i<v[4].length;i++)if(v[4][i]!==si)o.push(staffLabel(v[4][i]));return o.join(', ');}
var CHG={};if(D.chg)D.chg.forEach(function(c){CHG[c[0]]=c[1];});
function chgText(vi){var k=CHG[vi];return k?k.map(function(x){return D.chgT[x]||x;}).join(', '):'';}
function badge(vi){var l=chgText(vi);return l?' <span class="badge">'+esc(l)+'</span>':'';}
function km(m){return (m/1000).toFixed(1).replace('.',D.dec)+' '+T.km;}
var F={team:-1,staff:-1,day:D.days.length?0:-1};
var selTeam=$('f-team'),selStaff=$('f-staff'),selDay=$('f-day');
var byClient=null,metBy=null;
function index(){
  if(byClient)return;byClient=[];metBy=[];
  for(var i=0;i<D.clients.length;i++)byClient.push([]);
  for(var s=0;s<D.staff.length;s++)metBy.push({});
  D.visits.forEach(function(v,vi){byClient[v[0]].push(vi);v[4].forEach(function(s){metBy[s][v[0]]=1;});});
  byClient.forEach(function(l){l.sort(function(a,b){return D.visits[a][2]-D.visits[b][2];});});
}
function routeShown(r){if(F.team>=0&&D.staff[r[0]][2]!==F.team)return false;if(F.staff>=0&&r[0]!==F.staff)return false;return true;}
function dayRoutes(){var out=[];D.routes.forEach(function(r,ri){if(r[1]===F.day&&routeShown(r))out.push(ri);});return out;}
function renderMap(rs){
  var svg=$('map');
  if(!rs.length){svg.innerHTML='';svg.setAttribute('hidden','');$('legend').innerHTML='';return;}
  svg.removeAttribute('hidden');
  var x0=1e9,y0=1e9,x1=-1e9,y1=-1e9;
  function ext(p){if(p[0]<x0)x0=p[0];if(p[0]>x1)x1=p[0];if(p[1]<y0)y0=p[1];if(p[1]>y1)y1=p[1];}
  var lines=[],dots={},bases={},leg=[];
  rs.forEach(function(ri){
    var r=D.routes[ri],ev=r[6],pts=[],b=locXY(r[3]),nv=0,tm=0,mt=0,col=D.staff[r[0]][3];
    if(b){pts.push(b);bases[r[3]]=1;}
    for(var i=0;i<ev.length;i+=5){
      if(ev[i]===0){var p=locXY(ev[i+3]);if(p)pts.push(p);tm+=ev[i+2]-ev[i+1];mt+=ev[i+4];}
      else if(ev[i]===2&&ev[i+3]>=0){nv++;var v=D.visits[ev[i+3]];(dots[v[0]]=dots[v[0]]||[]).push([ev[i+1],ev[i+2],r[0]]);}
    }
    pts.forEach(ext);
    var title=staffLabel(r[0])+' \u2014 '+T.shift+' '+hhmm(r[4])+'\u2013'+hhmm(r[5])+': '+nv+' '+T.visits+', '+T.travel+' '+tm+' '+T.min+', '+km(mt);
    lines.push('<polyline data-s="'+r[0]+'" stroke="'+col+'" vector-effect="non-scaling-stroke" points="'+pts.map(function(p){return p[0]+','+p[1];}).join(' ')+'"><title>'+esc(title)+'</title></polyline>');
    leg.push('<li><button type="button" data-staff="'+r[0]+'"><span class="sw" style="background:'+col+'"></span>'+esc(staffLabel(r[0]))+'</button></li>');
  });
  Object.keys(dots).forEach(function(c){var cl=D.clients[c];ext([cl[3],cl[4]]);});
  Object.keys(bases).forEach(function(b){var x=D.bases[b];ext([x[2],x[3]]);});
  var w=Math.max(x1-x0,60),h=Math.max(y1-y0,60),pad=Math.max(w,h)*0.05,u=Math.max(w,h)/160;
  var out=lines.join('');
  Object.keys(dots).forEach(function(c){
    var cl=D.clients[c],vs=dots[c],t=clientLabel(+c);
    vs.forEach(function(v){t+='\n'+hhmm(v[0])+'\u2013'+hhmm(v[1])+' '+staffLabel(v[2]);});
    out+='<circle class="cl" cx="'+cl[3]+'" cy="'+cl[4]+'" r="'+(2.2*u).toFixed(1)+'" fill="'+D.staff[vs[0][2]][3]+'"><title>'+esc(t)+'</title></circle>';
  });
  Object.keys(bases).forEach(function(b){var x=D.bases[b],s=4*u;
    out+='<rect class="bs" x="'+(x[2]-s)+'" y="'+(x[3]-s)+'" width="'+2*s+'" height="'+2*s+'"><title>'+esc(T.base+' '+baseLabel(+b))+'</title></rect>';});
  svg.setAttribute('viewBox',(x0-pad).toFixed(0)+' '+(y0-pad).toFixed(0)+' '+(w+2*pad).toFixed(0)+' '+(h+2*pad).toFixed(0));
  svg.innerHTML=out;
  $('legend').innerHTML=leg.join('');
}
function renderTimeline(rs){
  var svg=$('timeline');
  if(!rs.length){svg.innerHTML='';svg.setAttribute('hidden','');return;}
  svg.removeAttribute('hidden');
  var t0=1e9,t1=-1e9;
  rs.forEach(function(ri){var r=D.routes[ri];if(r[4]<t0)t0=r[4];if(r[5]>t1)t1=r[5];});
  t0-=wall(t0)%60;t1+=(60-wall(t1)%60)%60;if(t1<=t0)t1=t0+60;
  var L=190,W=1000,RH=22,top=18,sx=(W-L-6)/(t1-t0),H=top+rs.length*RH+4;
  function X(m){return (L+(m-t0)*sx).toFixed(1);}
  function Wd(a,b){return Math.max(0.8,(b-a)*sx).toFixed(1);}
  var o=[];
  for(var m=t0;m<=t1;m++){if(wall(m)%60===0){o.push('<line class="grid" x1="'+X(m)+'" x2="'+X(m)+'" y1="'+(top-4)+'" y2="'+(H-2)+'"/><text x="'+X(m)+'" y="11" text-anchor="middle">'+hhmm(m).slice(0,2)+'</text>');}}
  rs.forEach(function(ri,k){
    var r=D.routes[ri],y=top+k*RH,ev=r[6],col=D.staff[r[0]][3],lab=staffLabel(r[0]);
    o.push('<g class="row" data-s="'+r[0]+'"><text x="4" y="'+(y+15)+'">'+esc(lab.length>30?lab.slice(0,29)+'\u2026':lab)+'<title>'+esc(lab)+'</title></text>');
    o.push('<rect class="sh" x="'+X(r[4])+'" y="'+(y+2)+'" width="'+Wd(r[4],r[5])+'" height="'+(RH-4)+'"><title>'+esc(T.shift+' '+r[2]+' '+hhmm(r[4])+'\u2013'+hhmm(r[5]))+'</title></rect>');
    for(var i=0;i<ev.length;i+=5){
      var a=ev[i+1],b=ev[i+2],t=hhmm(a)+'\u2013'+hhmm(b)+' ';
      if(ev[i]===0)o.push('<rect class="tr" x="'+X(a)+'" y="'+(y+8)+'" width="'+Wd(a,b)+'" height="6"><title>'+esc(t+T.travel+' \u2192 '+locLabel(ev[i+3])+', '+(b-a)+' '+T.min+', '+km(ev[i+4]))+'</title></rect>');
      else if(ev[i]===1)o.push('<rect class="wt" x="'+X(a)+'" y="'+(y+5)+'" width="'+Wd(a,b)+'" height="12"><title>'+esc(t+T.wait)+'</title></rect>');
      else if(ev[i]===3)o.push('<rect class="br" x="'+X(a)+'" y="'+(y+4)+'" width="'+Wd(a,b)+'" height="14"><title>'+esc(t+T.break)+'</title></rect>');
      else if(ev[i]===2){var v=D.visits[ev[i+3]],d=v?clientLabel(v[0])+': '+taskList(v):'';var w=v?others(v,r[0]):'';
        var cl=chgText(ev[i+3]);
        o.push('<rect class="vi'+(cl?' chg':'')+'" fill="'+col+'" x="'+X(a)+'" y="'+(y+3)+'" width="'+Wd(a,b)+'" height="16"><title>'+esc((cl?'['+cl+'] ':'')+t+T.visit+' '+d+(w?' \u2014 '+T.with+' '+w:''))+'</title></rect>');}
    }
    o.push('</g>');
  });
  svg.setAttribute('viewBox','0 0 '+W+' '+H);
  svg.innerHTML=o.join('');
}
function korlista(ri){
  var r=D.routes[ri],ev=r[6],day=D.days[r[1]],rows=[],tb=0,si=r[0];
  rows.push('<tr><td>'+hhmm(r[4])+'</td><td colspan="5">'+esc(T.start+': '+T.base+' '+baseLabel(r[3]))+'</td></tr>');
  for(var i=0;i<ev.length;i+=5){
    if(ev[i]===0)tb+=ev[i+2]-ev[i+1];
    else if(ev[i]===3){rows.push('<tr><td>'+hhmm(ev[i+1])+'\u2013'+hhmm(ev[i+2])+'</td><td colspan="5">'+esc(T.break+(ev[i+3]>=0&&ev[i+3]<NB?' ('+T.base+')':''))+'</td></tr>');}
    else if(ev[i]===2){var v=D.visits[ev[i+3]];if(!v)continue;var c=D.clients[v[0]];
      rows.push('<tr'+(CHG[ev[i+3]]?' class="chg"':'')+'><td>'+hhmm(ev[i+1])+'\u2013'+hhmm(ev[i+2])+badge(ev[i+3])+'</td><td>'+esc(clientLabel(v[0]))+'</td><td>'+esc(c[5])+'</td><td>'+esc(taskList(v))+'</td><td>'+esc(others(v,si))+'</td><td class="n">'+tb+'</td></tr>');tb=0;}
  }
  rows.push('<tr><td>'+hhmm(r[5])+'</td><td colspan="5">'+esc(T.end+': '+T.base+' '+baseLabel(r[3])+(tb?' ('+T.travel+' '+tb+' '+T.min+')':''))+'</td></tr>');
  return '<section class="korlista" data-s="'+si+'"><h3>'+esc(T.korlista+' \u2014 '+staffLabel(si)+' \u2014 '+day[1]+' \u2014 '+T.shift+' '+hhmm(r[4])+'\u2013'+hhmm(r[5]))+'</h3><div class="wrap"><table><thead><tr><th>'+esc(T.time)+'</th><th>'+esc(T.client)+'</th><th>'+esc(T.address)+'</th><th>'+esc(T.tasks)+'</th><th>'+esc(T.with)+'</th><th class="n">'+esc(T.travelBefore)+'</th></tr></thead><tbody>'+rows.join('')+'</tbody></table></div></section>';
}
function renderKorlistor(){
  var out=[];
  D.routes.forEach(function(r,ri){if((F.day<0||r[1]===F.day)&&routeShown(r))out.push(korlista(ri));});
  $('kl-list').innerHTML=out.length?out.join(''):'<p>'+esc(T.noRoutes)+'</p>';
}
function weekOf(ci){
  index();
  var cells=D.days.map(function(d){return [];});
  byClient[ci].forEach(function(vi){var v=D.visits[vi];var ss=v[4].map(staffLabel).join(', ');
    cells[v[1]].push('<li'+(CHG[vi]?' class="chg"':'')+'>'+hhmm(v[2])+'\u2013'+hhmm(v[3])+' '+esc(ss)+badge(vi)+'<br><span class="id">'+esc(taskList(v))+'</span></li>');});
  return '<div class="week">'+D.days.map(function(d,i){return '<div><b>'+esc(d[1])+'</b>'+(cells[i].length?'<ul style="margin:0;padding-left:1em">'+cells[i].join('')+'</ul>':'<span class="id">'+esc(T.noVisits)+'</span>')+'</div>';}).join('')+'</div>';
}
function toggleWeek(btn){
  var tr=btn.closest('tr'),open=btn.getAttribute('aria-expanded')==='true',next=tr.nextElementSibling;
  if(open){if(next&&next.classList.contains('det'))next.remove();btn.setAttribute('aria-expanded','false');return;}
  var d=document.createElement('tr');d.className='det';
  d.innerHTML='<td colspan="'+tr.children.length+'">'+weekOf(+tr.getAttribute('data-c'))+'</td>';
  tr.parentNode.insertBefore(d,tr.nextSibling);btn.setAttribute('aria-expanded','true');
}
function filterRows(){
  index();
  var n=0,tot=0;
  document.querySelectorAll('#clients tbody tr[data-c]').forEach(function(tr){
    var c=+tr.getAttribute('data-c'),ok=(F.team<0||D.clients[c][2]===F.team)&&(F.staff<0||metBy[F.staff][c]===1);
    tr.hidden=!ok;var nx=tr.nextElementSibling;if(nx&&nx.classList.contains('det'))nx.hidden=!ok;tot++;if(ok)n++;});
  $('n-clients').textContent=T.showing+' '+n+' '+T.of+' '+tot;
  n=0;tot=0;
  document.querySelectorAll('#staff tbody tr[data-s]').forEach(function(tr){
    var s=+tr.getAttribute('data-s'),ok=(F.team<0||D.staff[s][2]===F.team)&&(F.staff<0||s===F.staff);tr.hidden=!ok;tot++;if(ok)n++;});
  $('n-staff').textContent=T.showing+' '+n+' '+T.of+' '+tot;
  var un=$('n-unplanned');
  if(un){n=0;tot=0;
    document.querySelectorAll('#unplanned tbody tr').forEach(function(tr){
      var t=+tr.getAttribute('data-team'),a=+tr.getAttribute('data-from'),b=+tr.getAttribute('data-to');
      var ok=(F.team<0||t===F.team)&&(F.day<0||(a<=F.day&&F.day<=b));tr.hidden=!ok;tot++;if(ok)n++;});
    un.textContent=T.showing+' '+n+' '+T.of+' '+tot;}
}
function update(){
  if(F.day>=0){var rs=dayRoutes();$('day-msg').textContent=rs.length?T.showing+' '+rs.length+' '+(rs.length===1?T.route:T.routes)+' \u2014 '+D.days[F.day][1]:T.noRoutes;renderMap(rs);renderTimeline(rs);$('day-views').hidden=!rs.length;}
  else{$('day-msg').textContent=T.chooseDay;$('day-views').hidden=true;}
  renderKorlistor();filterRows();
}
function syncStaffOptions(){
  Array.prototype.forEach.call(selStaff.options,function(o){if(o.value==='')return;var ok=F.team<0||D.staff[+o.value][2]===F.team;o.hidden=!ok;o.disabled=!ok;});
  if(F.staff>=0&&F.team>=0&&D.staff[F.staff][2]!==F.team){F.staff=-1;selStaff.value='';}
}
selTeam.addEventListener('change',function(){F.team=selTeam.value===''?-1:+selTeam.value;syncStaffOptions();update();});
selStaff.addEventListener('change',function(){F.staff=selStaff.value===''?-1:+selStaff.value;update();});
selDay.addEventListener('change',function(){F.day=selDay.value===''?-1:+selDay.value;update();});
$('f-reset').addEventListener('click',function(){F.team=-1;F.staff=-1;F.day=D.days.length?0:-1;selTeam.value='';selStaff.value='';selDay.value=F.day<0?'':String(F.day);syncStaffOptions();update();});
function pickStaff(s){F.staff=s;if(F.team>=0&&D.staff[s][2]!==F.team){F.team=-1;selTeam.value='';syncStaffOptions();}selStaff.value=String(s);update();}
$('legend').addEventListener('click',function(e){var b=e.target.closest('button[data-staff]');if(b)pickStaff(+b.getAttribute('data-staff'));});
$('staff').addEventListener('click',function(e){var b=e.target.closest('button[data-staff]');if(!b)return;pickStaff(+b.getAttribute('data-staff'));var h=$('korlistor-h');h.focus();h.scrollIntoView();});
$('clients').addEventListener('click',function(e){var b=e.target.closest('button.wk');if(b)toggleWeek(b);});
$('print').addEventListener('click',function(){window.print();});
selDay.value=F.day<0?'':String(F.day);
update();
document.documentElement.setAttribute('data-ready','1');
window.__reportReadyMs=performance.now();
window.__reportScriptMs=window.__reportReadyMs-T0;
})();`;
